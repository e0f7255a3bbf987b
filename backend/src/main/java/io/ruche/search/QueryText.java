package io.ruche.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reader's query split into quoted phrases and single words; and snippets with the matches marked. */
public record QueryText(List<String> phrases, List<String> words) {

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]+)\"");

    public static QueryText parse(String text) {
        List<String> phrases = new ArrayList<>();
        Matcher m = PHRASE.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String phrase = clean(m.group(1));
            if (!phrase.isBlank()) {
                phrases.add(phrase);
            }
            rest.append(text, last, m.start()).append(' ');
            last = m.end();
        }
        rest.append(text.substring(last));
        List<String> words = new ArrayList<>();
        for (String word : clean(rest.toString()).split("\\s+")) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return new QueryText(phrases, words);
    }

    public boolean isEmpty() {
        return phrases.isEmpty() && words.isEmpty();
    }

    /** Every term to mark in a snippet: the words and the words of the phrases. */
    public List<String> terms() {
        List<String> terms = new ArrayList<>(words);
        phrases.forEach(p -> terms.addAll(List.of(p.split("\\s+"))));
        return terms;
    }

    /** Removes the characters search syntaxes give a meaning to. */
    private static String clean(String text) {
        return text.replaceAll("[+\\-<>()~*\"@\\\\/:!^{}\\[\\]|&=]", " ").strip();
    }

    /**
     * About {@code length} characters of {@code text} around the first match, HTML-escaped, every match wrapped in
     * {@code <mark>}. Matching ignores case and accents ("ete" finds "été").
     */
    public static String snippet(String text, List<String> terms, int length) {
        // The text is already what readers see (rendered HTML reduced to text), so only spaces are folded.
        String plain = text.replaceAll("\\s+", " ").strip();
        String folded = fold(plain);
        int first = -1;
        for (String term : terms) {
            int at = folded.indexOf(fold(term));
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = Math.max(0, first < 0 ? 0 : first - length / 3);
        int end = Math.min(plain.length(), start + length);
        String window = plain.substring(start, end);
        String foldedWindow = folded.substring(start, end);
        StringBuilder out = new StringBuilder(start > 0 ? "…" : "");
        int i = 0;
        while (i < window.length()) {
            int matchLength = 0;
            for (String term : terms) {
                String f = fold(term);
                if (!f.isEmpty() && foldedWindow.startsWith(f, i) && f.length() > matchLength) {
                    matchLength = f.length();
                }
            }
            if (matchLength > 0) {
                out.append("<mark>").append(escape(window.substring(i, i + matchLength))).append("</mark>");
                i += matchLength;
            } else {
                out.append(escape(String.valueOf(window.charAt(i))));
                i++;
            }
        }
        if (end < plain.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** Lower case without accents, keeping the length of the text so positions match. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            String c = Normalizer.normalize(String.valueOf(text.charAt(i)), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.append(c.isEmpty() ? text.charAt(i) : c.toLowerCase(Locale.ROOT).charAt(0));
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
