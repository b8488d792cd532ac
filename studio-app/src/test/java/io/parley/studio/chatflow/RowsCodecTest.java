package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings edited as rows, stored as lists, name → value objects or an answer's JSON Schema. */
class RowsCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> row(String... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            row.put(keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    @Test
    void answerFieldsBecomeASchemaTheEngineChecksAndReadBack() throws Exception {
        List<Map<String, Object>> rows = List.of(
                row("name", "intent", "type", "string", "description", "", "one_of", "billing, warranty,, other"),
                row("name", " urgent ", "type", "boolean", "description", "Needs a person now", "one_of", ""),
                row("name", "  ", "type", "number", "description", "", "one_of", ""));

        Object schema = RowsCodec.ANSWER_FIELDS.write(rows);

        assertThat(JSON.writeValueAsString(schema)).isEqualTo("{\"type\":\"object\",\"properties\":{"
                + "\"intent\":{\"type\":\"string\",\"enum\":[\"billing\",\"warranty\",\"other\"]},"
                + "\"urgent\":{\"type\":\"boolean\",\"description\":\"Needs a person now\"}},"
                + "\"required\":[\"intent\",\"urgent\"]}");
        assertThat(RowsCodec.ANSWER_FIELDS.read(schema)).containsExactly(
                row("name", "intent", "type", "string", "description", "", "one_of", "billing, warranty, other"),
                row("name", "urgent", "type", "boolean", "description", "Needs a person now", "one_of", ""));
        assertThat(RowsCodec.ANSWER_FIELDS.write(List.of())).as("no fields: no schema").isNull();
        assertThat(RowsCodec.ANSWER_FIELDS.read("not a schema")).isEmpty();
    }

    @Test
    void pairsSkipNamelessRowsAndListsKeepEveryKey() {
        Object headers = RowsCodec.PAIRS.write(List.of(row("name", "Accept", "value", "application/json"),
                row("name", " ", "value", "lost")));
        assertThat(headers).isEqualTo(Map.of("Accept", "application/json"));
        assertThat(RowsCodec.PAIRS.read(headers)).containsExactly(row("name", "Accept", "value", "application/json"));

        List<Map<String, Object>> branches = List.of(row("id", "yes", "label", "Yes", "when", "x"));
        assertThat(RowsCodec.LIST.read(RowsCodec.LIST.write(branches))).isEqualTo(branches);
    }
}
