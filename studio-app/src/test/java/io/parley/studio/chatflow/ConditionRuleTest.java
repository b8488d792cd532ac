package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.studio.chatflow.ConditionRule.How;
import io.parley.studio.chatflow.ConditionRule.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Conditions as the form shows them and as the engine's JSON rules, both ways. */
class ConditionRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @org.junit.jupiter.api.Test
    void oneTestIsOneRuleAndSeveralAreJoined() throws Exception {
        ConditionRule one = new ConditionRule(false, true, List.of(new Test("{{llm1.intent}}", How.IS, " billing ")));
        assertThat(JSON.writeValueAsString(one.write()))
                .isEqualTo("{\"var\":\"llm1.intent\",\"eq\":\"billing\",\"ignore_case\":true}");

        ConditionRule teen = new ConditionRule(false, false, List.of(new Test("vars.age", How.AT_LEAST, "13"),
                new Test("vars.age", How.LESS, "18.5")));
        assertThat(JSON.writeValueAsString(teen.write()))
                .isEqualTo("{\"and\":[{\"var\":\"vars.age\",\"gte\":13},{\"var\":\"vars.age\",\"lt\":18.5}]}");

        ConditionRule either = new ConditionRule(true, false, List.of(new Test("vars.country", How.ONE_OF, "FR, BE,,CH"),
                new Test("vars.email", How.NOT_EMPTY, "ignored")));
        assertThat(JSON.writeValueAsString(either.write())).isEqualTo(
                "{\"or\":[{\"var\":\"vars.country\",\"in\":[\"FR\",\"BE\",\"CH\"]},{\"var\":\"vars.email\",\"empty\":false}]}");
    }

    @org.junit.jupiter.api.Test
    void whatWasWrittenReadsBackAsTheSameForm() {
        for (ConditionRule rule : List.of(
                new ConditionRule(false, true, List.of(new Test("input", How.CONTAINS, "refund"))),
                new ConditionRule(true, false, List.of(new Test("vars.age", How.MORE, "17"),
                        new Test("vars.plan", How.UNKNOWN, ""), new Test("vars.tags", How.ONE_OF, "a, b"))),
                new ConditionRule(false, false, List.of(new Test("vars.code", How.MATCHES, "^[A-Z]{3}$"),
                        new Test("vars.name", How.KNOWN, ""))))) {
            assertThat(ConditionRule.read(rule.write())).contains(rule);
        }
        assertThat(ConditionRule.read(null)).contains(ConditionRule.blank());
        assertThat(ConditionRule.read("  ")).contains(ConditionRule.blank());
    }

    @org.junit.jupiter.api.Test
    void theSeedsRulesReadAsAForm() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> seed = JSON.readValue(
                "{\"and\": [{\"var\": \"vars.age\", \"gte\": 13}, {\"var\": \"vars.age\", \"lt\": 18}]}", Map.class);
        assertThat(ConditionRule.read(seed)).contains(new ConditionRule(false, false,
                List.of(new Test("vars.age", How.AT_LEAST, "13"), new Test("vars.age", How.LESS, "18"))));
        assertThat(ConditionRule.read(seed).orElseThrow().describe()).isEqualTo("vars.age is at least 13 and vars.age is less than 18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"{{vars.age}} >= 18\"", "{\"not\": {\"var\": \"vars.age\", \"gte\": 18}}",
            "{\"and\": [{\"or\": [{\"var\": \"a\", \"eq\": 1}]}]}", "{\"var\": \"a\", \"between\": [1, 2]}",
            "{\"and\": []}", "{\"var\": 3, \"eq\": 1}"})
    void whatTheFormCannotShowIsLeftAsText(String stored) throws Exception {
        assertThat(ConditionRule.read(JSON.readValue(stored, Object.class))).isEmpty();
    }
}
