// convscope_import_worker.mjs - convscope_import.mjs in a Web Worker, so that a
// model file which crashes or exhausts the reader costs the page one failed
// request, never the page. Start it as a module worker and talk to it through
// workerClient() (convscope_import.mjs), or by hand:
//   const w = new Worker(new URL('convscope_import_worker.mjs', base), {type: 'module'});
//   w.postMessage({id: 1, op: 'readModel', files: [{name, bytes}]});
//   w.onmessage = ({data}) => data.ok ? use(data.result) : show(data.error);  // {name, where, message}
// ops: readModel {files}, openScene {files} (-> scene JSON text), writeKeras {model}, writeTfjs {model, shardName},
// exportScene {scene, format: 'keras'|'tfjs'} (-> [{name, bytes}]). Results
// carry their buffers as transferables (no copy back to the page).
import {load, ModelFileError} from './convscope_import.mjs';

let io = null;

function run(data) {
  switch (data.op) {
    case 'readModel': {
      const model = io.readModel(data.files);
      return [model, model.layers.flatMap((l) => l.arrays.map((a) => a.data.buffer))];
    }
    case 'openScene':
      return [io.openScene(data.files), []];
    case 'writeKeras': {
      const bytes = io.writeKeras(data.model);
      return [bytes, [bytes.buffer]];
    }
    case 'exportScene': {
      const files = io.exportScene(data.scene, data.format);
      return [files, files.map((f) => f.bytes.buffer)];
    }
    case 'writeTfjs': {
      const files = io.writeTfjs(data.model, {shardName: data.shardName});
      return [files, files.map((f) => f.bytes.buffer)];
    }
    default:
      throw new ModelFileError('op', `unknown operation ${JSON.stringify(data.op)}`);
  }
}

self.onmessage = async ({data}) => {
  const id = data?.id;
  try {
    io ??= await load();
    const [result, transfer] = run(data);
    self.postMessage({id, ok: true, result}, transfer);
  } catch (e) {
    if (io?.broken) io = null;  // a reader that trapped is not used again
    self.postMessage({id, ok: false,
      error: {name: e?.name ?? 'Error', where: e?.where ?? '', message: String(e?.message ?? e)}});
  }
};
