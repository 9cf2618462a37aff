export { Rng } from './rng.js';
