package io.ruche.moderation;

import io.ruche.moderation.WatchedWordRules.Action;
import io.ruche.moderation.WatchedWordRules.MatchKind;
import io.ruche.moderation.WatchedWordRules.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchedWordRulesTest {

    private static WatchedWordRules rules(Rule... rules) {
        return WatchedWordRules.of(List.of(rules));
    }

    @Test
    void plainWordsMatchWholeWordsIgnoringCaseAndAccents() {
        WatchedWordRules r = rules(new Rule(1, "arnaque", MatchKind.PLAIN, Action.BLOCK, null));
        assertTrue(r.apply("C'est une ARNAQUE !", true).blocked());
        assertTrue(r.apply("une arnaqué", true).blocked(), "accents folded");
        assertFalse(r.apply("arnaques en série", true).blocked(), "whole words only");
        WatchedWordRules accented = rules(new Rule(2, "Café", MatchKind.PLAIN, Action.FLAG, null));
        assertTrue(accented.apply("un cafe noir", true).flag());
    }

    @Test
    void censorKeepsTheLengthAndTheRestOfTheText() {
        WatchedWordRules r = rules(new Rule(1, "zut", MatchKind.PLAIN, Action.CENSOR, null));
        assertEquals("Oh ■■■ alors, ■■■ !", r.apply("Oh zut alors, ZUT !", true).text());
    }

    @Test
    void wildcardsAndLinks() {
        WatchedWordRules r = rules(new Rule(1, "crypto*", MatchKind.WILDCARD, Action.APPROVE, null),
                new Rule(2, "support", MatchKind.PLAIN, Action.LINK, "https://help.example.com"));
        WatchedWordRules.Verdict v = r.apply("Cryptomonnaie gratuite, ask support", true);
        assertTrue(v.approve());
        assertEquals("Cryptomonnaie gratuite, ask [support](https://help.example.com)", v.text());
        assertEquals("Cryptomonnaie gratuite, ask support", r.apply("Cryptomonnaie gratuite, ask support", false).text(),
                "no links in titles");
    }

    @Test
    void regularExpressionsWorkAndDangerousOnesAreRefused() {
        WatchedWordRules r = rules(new Rule(1, "\\b(buy|achetez)\\s+now\\b", MatchKind.REGEX, Action.BLOCK, null));
        assertTrue(r.apply("Achetez NOW please", true).blocked());
        assertEquals("validation.watchedWord.slowRegex", WatchedWordRules.problem("(a+)+$", MatchKind.REGEX).orElseThrow());
        assertEquals("validation.watchedWord.slowRegex", WatchedWordRules.problem("(\\w*)*x", MatchKind.REGEX).orElseThrow());
        assertEquals("validation.watchedWord.regex", WatchedWordRules.problem("([a-z", MatchKind.REGEX).orElseThrow());
        assertTrue(WatchedWordRules.problem("fine|ok", MatchKind.REGEX).isEmpty());
    }

    @Test
    void aSlowPatternIsCutOffInsteadOfStallingTheRequest() {
        // Not caught by the static check, but catastrophic on this input: the time budget stops it.
        WatchedWordRules r = rules(new Rule(1, "(x|xx)+y", MatchKind.REGEX, Action.BLOCK, null));
        long start = System.nanoTime();
        WatchedWordRules.Verdict v = r.apply("x".repeat(90), true);
        assertFalse(v.blocked());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "bounded");
    }

    @Test
    void aPatternThatRecursesTooDeepOnLongTextHoldsThePostInsteadOfFailing() {
        // Alternation under a star recurses once per repetition in java.util.regex: long input overflows the stack.
        WatchedWordRules r = rules(new Rule(1, "(a|b)*c", MatchKind.REGEX, Action.BLOCK, null));
        WatchedWordRules.Verdict v = r.apply("ab".repeat(30_000), true);
        assertFalse(v.blocked());
        assertTrue(v.approve(), "a blocking rule that could not be checked sends the post to review");
        assertTrue(r.apply("abc", true).blocked(), "short texts are still checked");
    }
}
