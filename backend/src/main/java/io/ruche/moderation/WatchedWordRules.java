package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Watched words, without I/O: compiling a list and applying it to a text. Matching ignores case and accents
 * ("Café" matches "cafe"), plain words match whole words, {@code *} in a wildcard stands for any letters, and
 * regular expressions are checked when saved (no nested quantifiers) and time-bounded when run, so a bad pattern
 * cannot stall a request.
 */
public final class WatchedWordRules {

    public enum MatchKind { PLAIN, WILDCARD, REGEX }

    public enum Action { BLOCK, APPROVE, FLAG, CENSOR, LINK }

    @Serdeable
    public record Rule(long id, String pattern, MatchKind kind, Action action, @Nullable String linkUrl) {
    }

    /** What the list says about a text: refused (by which word), held, flagged, and the text after censor/link. */
    @Serdeable
    public record Verdict(@Nullable String blockedBy, boolean approve, boolean flag, String text, List<String> matched) {
        public boolean blocked() {
            return blockedBy != null;
        }
    }

    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\((?:[^()\\\\]|\\\\.)*[+*}](?:[^()\\\\]|\\\\.)*\\)[+*{]");
    private static final Duration BUDGET = Duration.ofMillis(50);
    private static final String WORD = "[\\p{L}\\p{N}_]";

    private final List<Compiled> rules;

    private record Compiled(Rule rule, Pattern pattern) {
    }

    private WatchedWordRules(List<Compiled> rules) {
        this.rules = rules;
    }

    public static WatchedWordRules of(List<Rule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        for (Rule rule : rules) {
            compile(rule.pattern(), rule.kind()).ifPresent(p -> compiled.add(new Compiled(rule, p)));
        }
        return new WatchedWordRules(compiled);
    }

    /** Why a pattern cannot be saved (a message key), or empty when it is fine. */
    public static Optional<String> problem(String pattern, MatchKind kind) {
        if (pattern == null || pattern.isBlank() || pattern.length() > 300) {
            return Optional.of("validation.watchedWord.pattern");
        }
        if (kind == MatchKind.REGEX) {
            if (NESTED_QUANTIFIER.matcher(pattern).find() || pattern.contains("\\1")) {
                return Optional.of("validation.watchedWord.slowRegex");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                return Optional.of("validation.watchedWord.regex");
            }
        }
        return Optional.empty();
    }

    static Optional<Pattern> compile(String pattern, MatchKind kind) {
        if (problem(pattern, kind).isPresent()) {
            return Optional.empty();
        }
        String folded = fold(pattern.strip());
        String regex = switch (kind) {
            case PLAIN -> "(?<!" + WORD + ")" + Pattern.quote(folded) + "(?!" + WORD + ")";
            case WILDCARD -> "(?<!" + WORD + ")" + String.join(WORD + "*",
                    java.util.Arrays.stream(folded.split("\\*", -1)).map(p -> p.isEmpty() ? "" : Pattern.quote(p))
                            .toList()) + "(?!" + WORD + ")";
            case REGEX -> foldAccents(pattern.strip()); // escapes like \\S must keep their case
        };
        return Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /**
     * Lower case without accents, one character for one character, so positions in the folded text are positions
     * in the original.
     */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = decomposed.isEmpty() ? c : decomposed.charAt(0);
            out.append(Character.isSurrogate(c) ? c : Character.toLowerCase(base));
        }
        return out.toString();
    }

    private static String foldAccents(String regex) {
        StringBuilder out = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            out.append(c < 128 ? String.valueOf(c) : fold(String.valueOf(c)));
        }
        return out.toString();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Applies every rule; {@code linking} is false for titles and names, where links make no sense. */
    public Verdict apply(String text, boolean linking) {
        String current = text;
        boolean approve = false;
        boolean flag = false;
        List<String> matched = new ArrayList<>();
        for (Compiled c : rules) {
            Matcher m = c.pattern().matcher(new Deadline(fold(current), System.nanoTime() + BUDGET.toNanos()));
            List<int[]> spans = new ArrayList<>();
            try {
                while (m.find()) {
                    if (m.end() > m.start()) {
                        spans.add(new int[]{m.start(), m.end()});
                    }
                }
            } catch (Deadline.TooSlow | StackOverflowError e) {
                // A pattern too slow for this text, or one that recurses too deep on it (alternations on long
                // input), never stalls or fails the request. A blocking or approval rule that cannot say no is
                // treated as "a person should look": the post waits for review rather than slipping through.
                if (c.rule().action() == Action.BLOCK || c.rule().action() == Action.APPROVE) {
                    approve = true;
                }
                continue;
            }
            if (spans.isEmpty()) {
                continue;
            }
            matched.add(c.rule().pattern());
            switch (c.rule().action()) {
                case BLOCK -> {
                    return new Verdict(c.rule().pattern(), false, false, text, matched);
                }
                case APPROVE -> approve = true;
                case FLAG -> flag = true;
                case CENSOR -> current = replace(current, spans, s -> "■".repeat(s.length()));
                case LINK -> {
                    if (linking && c.rule().linkUrl() != null) {
                        String url = c.rule().linkUrl();
                        current = replace(current, spans, s -> "[" + s + "](" + url + ")");
                    }
                }
            }
        }
        return new Verdict(null, approve, flag, current, matched);
    }

    private static String replace(String text, List<int[]> spans, java.util.function.UnaryOperator<String> with) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] span : spans) {
            out.append(text, at, span[0]).append(with.apply(text.substring(span[0], span[1])));
            at = span[1];
        }
        return out.append(text.substring(at)).toString();
    }

    /** A text that stops a regular expression once its time is up (the engine reads it through charAt). */
    private static final class Deadline implements CharSequence {
        static final class TooSlow extends RuntimeException {
            TooSlow() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadline;

        Deadline(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new TooSlow();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
