/**
 * Finds a Python that can import torch and numpy, for the PyTorch twin (scripts/torch_twin) and
 * other PyTorch comparisons. Order: BENCH_PYTHON, else /usr/bin/python3, else python3 on PATH.
 * When none works and we are root on a Debian-like system, installs Debian's python3-torch and
 * python3-numpy with apt-get (never pip) and tries again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TORCH_PYTHON_MISSING =
  'no Python with torch and numpy found: install them with `apt-get install -y python3-torch python3-numpy` ' +
  '(Debian), or set BENCH_PYTHON to an interpreter that has them';

function candidates(): string[] {
  return process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['/usr/bin/python3', 'python3'];
}

/** True when `py` runs and imports torch and numpy (60 s: a cold `import torch` is slow on a busy machine). */
function importsTorch(py: string): boolean {
  return spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

function canAptInstall(): boolean {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/etc/debian_version') &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  );
}

/**
 * The first candidate interpreter that imports torch and numpy; after one apt-get install
 * attempt when allowed; else null, with the reason logged through `log`.
 */
export function findTorchPython(log: (message: string) => void = console.error): string | null {
  const found = candidates().find(importsTorch);
  if (found) return found;
  if (process.env.BENCH_PYTHON) {
    log(`BENCH_PYTHON=${process.env.BENCH_PYTHON} cannot import torch and numpy`);
    return null;
  }
  if (!canAptInstall()) {
    log(TORCH_PYTHON_MISSING);
    return null;
  }
  log('installing python3-torch and python3-numpy with apt-get (Debian packages)');
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const packages = ['install', '-y', 'python3-torch', 'python3-numpy'];
  // A fresh machine has no package lists yet: update once when the first try fails.
  let install = apt(packages);
  if (install.status !== 0 && apt(['update']).status === 0) install = apt(packages);
  if (install.status !== 0) {
    log(`apt-get install failed (exit ${install.status}); ${TORCH_PYTHON_MISSING}`);
    return null;
  }
  const after = candidates().find(importsTorch);
  if (!after) log(TORCH_PYTHON_MISSING);
  return after ?? null;
}
