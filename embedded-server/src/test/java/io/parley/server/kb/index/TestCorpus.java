package io.parley.server.kb.index;

import java.nio.file.Path;
import java.util.List;

/**
 * A small hand-made corpus with hand-made 16-dimensional vectors: each axis stands for a topic,
 * so which chunk is "semantically" near a query is known by construction, and some chunks share
 * no word with a query that means them (and the reverse).
 */
final class TestCorpus {

    static final int DIM = 16;
    static final int MONEY = 0, SHIPPING = 1, SECURITY = 2, VEHICLES = 3, INSTALL = 4, PRINTERS = 5,
            BICYCLES = 6, LICENSING = 7, STORAGE = 8;

    private TestCorpus() {
    }

    /** A unit vector from (axis, weight) pairs. */
    static float[] vec(double... axisWeightPairs) {
        float[] v = new float[DIM];
        for (int i = 0; i < axisWeightPairs.length; i += 2) {
            v[(int) axisWeightPairs[i]] = (float) axisWeightPairs[i + 1];
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    static IndexedChunk chunk(String id, String doc, String docName, int position, String text, float[] vector) {
        return IndexedChunk.of(id, doc, docName, position, text, vector);
    }

    static List<IndexedChunk> handbook() {
        return List.of(
                new IndexedChunk("billing-1", "d-billing", "Billing Guide", 0,
                        "Refunds are issued to the original payment method within five business days. "
                                + "If a refund has not arrived after a week, contact support with your order number.",
                        vec(MONEY, 1), 3, List.of("Billing", "Refunds"), 1f, List.of()),
                chunk("billing-2", "d-billing", "Billing Guide", 1,
                        "Invoices are emailed on the first day of each month. Past invoices can be downloaded "
                                + "from the account page.", vec(MONEY, 0.8, INSTALL, 0.2)),
                chunk("ship-1", "d-shipping", "Shipping FAQ", 0,
                        "Orders leave the warehouse within two days. Delivery takes three to five days "
                                + "depending on the carrier.", vec(SHIPPING, 1)),
                chunk("ship-2", "d-shipping", "Shipping FAQ", 1,
                        "Every parcel has a tracking number, sent by email when it leaves the warehouse.",
                        vec(SHIPPING, 0.9, MONEY, 0.1)),
                chunk("sec-1", "d-security", "Security Handbook", 0,
                        "Reset your password from the login screen. A password must have at least twelve "
                                + "characters.", vec(SECURITY, 1)),
                chunk("sec-2", "d-security", "Security Handbook", 1,
                        "Enable two-factor authentication to protect your account against stolen passwords.",
                        vec(SECURITY, 0.9, INSTALL, 0.1)),
                chunk("fleet-1", "d-fleet", "Fleet Manual", 0,
                        "Automobile maintenance: change the engine oil every ten thousand kilometres and rotate "
                                + "the tyres twice a year.", vec(VEHICLES, 1)),
                chunk("fleet-2", "d-fleet", "Fleet Manual", 1,
                        "Bicycle tyres need air every week; check the brakes before every ride.",
                        vec(VEHICLES, 0.8, BICYCLES, 0.6)),
                chunk("office-1", "d-office", "Office Equipment", 0,
                        "Repair the printer by replacing the toner cartridge and cleaning the rollers.",
                        vec(PRINTERS, 1)),
                chunk("err-1", "d-errors", "Error Codes", 0,
                        "ERR-4411 means the licence server rejected the activation key.", vec(LICENSING, 1)),
                chunk("err-2", "d-errors", "Error Codes", 1,
                        "ERR-2001 means the disk is full; free some space and retry the installation.",
                        vec(INSTALL, 0.7, LICENSING, 0.3)));
    }

    /** An index in {@code dir} holding {@code chunks}, committed. */
    static KnowledgeIndex indexOf(Path dir, List<IndexedChunk> chunks) {
        return indexOf(dir, chunks, IndexTuning.DEFAULT);
    }

    static KnowledgeIndex indexOf(Path dir, List<IndexedChunk> chunks, IndexTuning tuning) {
        KnowledgeIndex index = KnowledgeIndex.open(dir, DIM, tuning);
        index.addAll(chunks);
        index.commit();
        return index;
    }

    static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::chunkId).toList();
    }
}
