import { loadPresetFile } from '@fpt/preset';
import { exportK6Script } from '@fpt/k6-export';
const out = exportK6Script(loadPresetFile(process.argv[2]!, { env: {} }));
console.log(out.script);
