package io.parley.server.kb.parse;

import org.apache.tika.detect.DefaultEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes of a text file to a string: UTF-8 (with or without BOM) first, else Tika's charset guess. */
final class TextDecoder {

    private static final EncodingDetector DETECTOR = new DefaultEncodingDetector();
    private static final int SNIFF = 8192;

    private TextDecoder() {
    }

    static String decode(String fileName, byte[] bytes, String what) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, StandardCharsets.UTF_16); // the decoder reads and drops the BOM
        }
        if (looksBinary(bytes)) {
            throw DocumentParseException.corrupt(fileName, what);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, guess(bytes));
        }
    }

    /** NUL bytes or many control characters mean this is not text, whatever the file is called. */
    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, SNIFF);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return control > n / 20;
    }

    private static Charset guess(byte[] bytes) {
        try (InputStream in = TikaInputStream.get(bytes)) {
            Charset detected = DETECTOR.detect(in, new Metadata());
            return detected != null ? detected : Charset.forName("windows-1252");
        } catch (IOException e) {
            return Charset.forName("windows-1252"); // the most common non-UTF-8 text encoding
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
