package io.parley.server.chatflow.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The seed's JSON rules: what the studio's condition form writes, tested against a turn's state. */
class RulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ObjectNode state(String vars) throws Exception {
        ObjectNode state = JSON.createObjectNode();
        state.set("vars", json(vars));
        state.put("input", "I want a REFUND please");
        return state;
    }

    @Test
    void theFormsTestsHoldOnTheStateAndMissingValuesFailAllButEmptyAndUnknown() throws Exception {
        ObjectNode s = state("{\"age\": \"15\", \"country\": \"be\", \"name\": \"\"}");
        assertThat(Rules.test(json("{\"and\": [{\"var\": \"vars.age\", \"gte\": 13}, {\"var\": \"vars.age\", \"lt\": 18}]}"), s))
                .as("an answer \"15\" compares as the number 15").isTrue();
        assertThat(Rules.test(json("{\"var\": \"vars.country\", \"in\": [\"FR\", \"BE\"], \"ignore_case\": true}"), s)).isTrue();
        assertThat(Rules.test(json("{\"var\": \"vars.country\", \"in\": [\"FR\", \"BE\"]}"), s)).isFalse();
        assertThat(Rules.test(json("{\"var\": \"input\", \"contains\": \"refund\", \"ignore_case\": true}"), s)).isTrue();
        assertThat(Rules.test(json("{\"var\": \"vars.name\", \"empty\": true}"), s)).isTrue();
        assertThat(Rules.test(json("{\"var\": \"vars.plan\", \"exists\": false}"), s)).isTrue();
        assertThat(Rules.test(json("{\"var\": \"vars.plan\", \"ne\": \"gold\"}"), s)).as("missing fails the test").isFalse();
        assertThat(Rules.test(json("{\"or\": [{\"var\": \"vars.plan\", \"eq\": \"gold\"}, {\"not\": "
                + "{\"var\": \"vars.age\", \"gt\": 20}}]}"), s)).isTrue();
    }

    @Test
    void aPatternCannotHangATurn() throws Exception {
        // (a+)+$ backtracks exponentially in java.util.regex on a long run of a's that does not match
        ObjectNode s = state("{\"code\": \"" + "a".repeat(4000) + "!\"}");
        JsonNode rule = json("{\"var\": \"vars.code\", \"matches\": \"^(a+)+$\"}");
        Rules.references(rule);
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Rules.test(rule, s));
        assertThat(matched).isFalse();
        assertThat(Rules.test(json("{\"var\": \"input\", \"matches\": \"refund\", \"ignore_case\": true}"), s)).isTrue();
    }

    @Test
    void aPatternRE2CannotRunIsRefusedWhenTheFlowIsChecked() throws Exception {
        assertThatThrownBy(() -> Rules.references(json("{\"var\": \"input\", \"matches\": \"(\\\\w)\\\\1\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'matches' is not a valid regular expression");
        assertThatThrownBy(() -> Rules.references(json("{\"var\": \"input\", \"matches\": \"[a-\"}")))
                .hasMessageStartingWith("'matches' is not a valid regular expression");
    }
}
