import { describe, expect, it } from 'vitest';
import { SplitError } from '../core/data/split';
import { classifyError } from './errors';

describe('classifyError', () => {
  it('calls split problems and untrainable groupings data errors', () => {
    expect(classifyError(new SplitError('Need at least 3 distinct days'))).toBe('data');
    expect(classifyError(new Error('the data cannot train these groupings:\n  ads-stream: no ad rows'))).toBe(
      'data',
    );
  });

  it('recognises a lost WebGPU device', () => {
    expect(classifyError(new Error('WebGPU device lost: GPU process crashed'))).toBe('device-lost');
    expect(classifyError(new Error('GPUDevice was lost'))).toBe('device-lost');
  });

  it('calls tfjs and kernel failures backend errors, anything else internal', () => {
    expect(classifyError(new Error("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'"))).toBe(
      'backend',
    );
    expect(classifyError(new TypeError('x is undefined'))).toBe('internal');
    expect(classifyError('plain string')).toBe('internal');
  });
});
