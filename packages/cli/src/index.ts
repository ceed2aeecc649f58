export { main, HELP, EXIT } from './main.js';
export { processIo, type Io } from './io.js';
