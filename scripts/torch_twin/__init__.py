"""An independent PyTorch twin of the experiment spec (/work/shared/spec/experiments.md).

It reads the same impression files as the app (CSV, JSON Lines), implements the data pipeline,
the shared-bottom model, the masked multi-task loss, source-balanced training with model
selection on validation AP, and the test AP per grouping x channel from the spec, without
calling the TypeScript code, so that a bug in the app's encoder or trainer shows up as a
difference. Entry point: ``python3 -m scripts.torch_twin.twin --help``.
"""
