/**
 * Whether Dawn can be tried here: the reason it cannot, or null. Tests that train on WebGPU in
 * Node skip with this reason rather than fail on a machine without any Vulkan driver.
 */
import { existsSync } from 'node:fs';
import { vulkanEnv } from './node-webgpu';

export function webGpuUnavailable(): string | null {
  const { env } = vulkanEnv();
  const icd = env.VK_ICD_FILENAMES;
  if (icd && !existsSync(icd)) return `no Vulkan driver (${icd} is missing: apt-get install chromium)`;
  return null;
}
