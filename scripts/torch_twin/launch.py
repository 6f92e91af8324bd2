"""`python3 -m scripts.torch_twin.launch [torchrun options] -m scripts.torch_twin.ddp ...`:
torch.distributed.run (torchrun), made to work with Debian 12's torch 1.13 on Python 3.11.

torch 1.13 reads --redirects / --tee (default "0") by iterating its Std flag enum, and Python
3.11 no longer yields the zero member Std.NONE when iterating a flag, so every launch fails with
"'NoneType' object has no attribute 'get'". This maps that None back to Std.NONE, only when the
installed torch has the bug; everything else is torchrun's own code and options.
"""

from __future__ import annotations

from torch.distributed.elastic.multiprocessing import api
from torch.distributed.run import main

_from_str = api.Std.from_str


def _fixed_from_str(vm: str):
    r = _from_str(vm)
    if r is None:
        return api.Std.NONE
    if isinstance(r, dict):
        return {k: api.Std.NONE if v is None else v for k, v in r.items()}
    return r


if _from_str("0") is None:
    api.Std.from_str = staticmethod(_fixed_from_str)

if __name__ == "__main__":
    main()
