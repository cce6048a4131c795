// The paging bench's sandbox in a process of its own, as Dropbox Sign would be: its work (sorting and
// serializing 10,000 requests a call) is then not charged to the client being measured. Prints one JSON line
// with its address; stops when its parent closes stdin.
import { startBigSandbox } from './sandboxWorkloads';

startBigSandbox(Number(process.argv[2])).then(
  ({ sb }) => {
    process.stdout.write(`${JSON.stringify({ info: sb.info, url: sb.url })}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => void sb.close().then(() => process.exit(0)));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
