package io.parley.server.kb.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a folder in BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/test.tsv} (query-id,
 * corpus-id, score; tab-separated, header line optional). Other JSON fields are ignored. Bad
 * lines fail with the file and line number.
 *
 * <pre>{@code
 * BeirDataset cranfield = BeirLoader.load(Path.of("datasets/cranfield"));
 * }</pre>
 */
public final class BeirLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BeirLoader() {
    }

    public static BeirDataset load(Path dir) {
        Path qrels = dir.resolve("qrels").resolve("test.tsv");
        for (Path required : List.of(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), qrels)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException(dir + " is not in BEIR layout: " + required + " is missing");
            }
        }
        return new BeirDataset(dir.toAbsolutePath().normalize().getFileName().toString(), loadCorpus(dir),
                loadQueries(dir), loadQrels(qrels));
    }

    public static List<BeirDocument> loadCorpus(Path dir) {
        return jsonLines(dir.resolve("corpus.jsonl"),
                node -> new BeirDocument(id(node), node.path("title").asText(""), node.path("text").asText("")));
    }

    public static List<BeirQuery> loadQueries(Path dir) {
        return jsonLines(dir.resolve("queries.jsonl"), node -> new BeirQuery(id(node), node.path("text").asText("")));
    }

    static Qrels loadQrels(Path file) {
        Qrels.Builder qrels = new Qrels.Builder();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("query-id"))) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                fields = line.split("\\s+"); // some copies use spaces
            }
            if (fields.length != 3) {
                throw badLine(file, i, "expected query-id, corpus-id and score separated by tabs");
            }
            try {
                qrels.add(fields[0].strip(), fields[1].strip(), Integer.parseInt(fields[2].strip()));
            } catch (NumberFormatException e) {
                throw badLine(file, i, "the score '" + fields[2] + "' is not a whole number");
            }
        }
        return qrels.build();
    }

    private static <T> List<T> jsonLines(Path file, Function<JsonNode, T> mapper) {
        List<String> lines = readLines(file);
        List<T> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(mapper.apply(JSON.readTree(lines.get(i))));
            } catch (JsonProcessingException e) {
                throw badLine(file, i, "not JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                throw badLine(file, i, e.getMessage());
            }
        }
        return out;
    }

    private static String id(JsonNode node) {
        String id = node.path("_id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("the \"_id\" field is missing or empty");
        }
        return id;
    }

    private static List<String> readLines(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException badLine(Path file, int index, String problem) {
        return new IllegalArgumentException(file + ":" + (index + 1) + ": " + problem);
    }
}
