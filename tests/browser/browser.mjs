// browser.mjs - launches Debian's Chromium headless with WebGL2 (SwiftShader)
// through playwright-core; the network is closed, so background traffic is off.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

// A fake camera (a moving test pattern, permission granted without a
// prompt) for the live-camera checks; fps=30 as a webcam gives.
export const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream=fps=30', '--use-fake-ui-for-media-stream'];

export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}
