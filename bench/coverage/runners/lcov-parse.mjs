// lcov-parse: reads the whole file, splits it, returns plain objects.
import { createRequire } from 'node:module';

const parse = createRequire(import.meta.url)('lcov-parse');
parse(process.argv[2], (error, data) => {
  if (error) throw new Error(String(error));
  const sum = (pick) => data.reduce((acc, file) => ({ covered: acc.covered + pick(file).hit, total: acc.total + pick(file).found }), { covered: 0, total: 0 });
  console.log(JSON.stringify({ files: data.length, lines: sum((file) => file.lines), functions: sum((file) => file.functions), branches: sum((file) => file.branches) }));
});
