import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTorchPython } from './torch-python';

const ROOT = join(import.meta.dirname, '..');

describe('the PyTorch twin of the spec', () => {
  // Installs Debian's python3-torch when it is missing (torch-python.ts); nothing from PyPI.
  it('passes its own tests (AP as sklearn, day split, vocabularies, loss mask, sampler; DDP step = one-process step, tiers, predictions, config)', () => {
    const python = findTorchPython();
    expect(python, 'a Python with torch (apt-get install python3-torch)').not.toBeNull();
    const r = spawnSync(
      python!,
      ['-m', 'unittest', 'scripts.torch_twin.test_twin', 'scripts.torch_twin.test_ddp'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
        timeout: 600_000,
      },
    );
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).toMatch(/^OK$/m);
  }, 900_000);
});
