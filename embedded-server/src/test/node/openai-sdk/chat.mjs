// Talks to a deployed Parley bot through the official OpenAI SDK, as a customer's script would.
// Prints one JSON line with what it received; the Java test checks it.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.PARLEY_BASE_URL + "/v1", apiKey: process.env.PARLEY_KEY });
const model = process.env.PARLEY_BOT;
const out = {};

const completion = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: process.env.PARLEY_QUESTION }],
});
out.text = completion.choices[0].message.content;
out.finish = completion.choices[0].finish_reason;
out.sources = completion.parley?.sources?.length ?? 0;

const stream = await client.chat.completions.create({
  model,
  stream: true,
  messages: [
    { role: "user", content: process.env.PARLEY_QUESTION },
    { role: "assistant", content: out.text },
    { role: "user", content: process.env.PARLEY_FOLLOW_UP },
  ],
});
out.chunks = 0;
out.streamed = "";
for await (const chunk of stream) {
  const delta = chunk.choices[0]?.delta?.content;
  if (delta) {
    out.chunks++;
    out.streamed += delta;
  }
}

try {
  await client.chat.completions.create({ model: "00000000-0000-4000-8000-000000000000", messages: [{ role: "user", content: "hi" }] });
  out.unknownBot = "no error";
} catch (e) {
  out.unknownBot = e.status;
}
console.log(JSON.stringify(out));
