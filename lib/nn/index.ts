// tg.nn: the functional API (modules and losses grow here).
import * as functional from './functional.js';

export const nn = { functional };
