import { run } from './run';

run(process.argv.slice(2), process.stdout, process.stderr).then((code) => {
  process.exitCode = code;
});
