// A Node consumer without the DOM library (lib es2022 only, no @types/node): the declarations of
// @pullsecret/node must not need browser types (@pullsecret/wasm's init() does, by design).
import * as node from '@pullsecret/node';
import { exercise } from './exercise.js';

exercise(node);
