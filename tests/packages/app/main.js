// The one-page app each bundler builds: the package used as its README says, nothing bundler-specific.
import { init, validate } from '@pullsecret/wasm';
import { INPUT } from './input.js';

await init();
const report = validate(INPUT);
document.getElementById('report').textContent = JSON.stringify(report);
document.body.classList.add('ready');
