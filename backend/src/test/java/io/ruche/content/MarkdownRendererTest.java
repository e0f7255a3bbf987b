package io.ruche.content;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void mentionsOfKnownMembersBecomeProfileLinks() {
        String html = renderer.render("Merci @Alice et @bob, pas @carol.", Set.of("alice", "bob"));
        assertTrue(html.matches("(?s).*<a href=\"/u/Alice\" rel=\"[a-z ]*nofollow[a-z ]*\">&#64;Alice</a>.*"), html);
        assertTrue(html.contains("<a href=\"/u/bob\""), html);
        assertTrue(html.contains("pas &#64;carol."), html);
    }

    @Test
    void gitHubFlavouredMarkdownRenders() {
        String html = renderer.render("Bonjour !\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n```java\nint x = 1;\n```\n"
                + "Voir https://example.org", Set.of());
        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<del>2</del>"), html);
        assertTrue(html.contains("<code class=\"language-java\">"), html);
        assertTrue(html.contains("<a href=\"https://example.org\" rel=\""), html);
        assertTrue(html.contains("ugc") && html.contains("nofollow") && html.contains("noopener"), html);
    }

    @Test
    void mentionsAreNotSeenInCodeOrEmailAddresses() {
        assertEquals(Set.of("alice"), renderer.mentionedNames("Hi @alice, write to bob@example.org `@carol`"));
        String html = renderer.render("`@alice`\n\n    @alice", Set.of("alice"));
        assertFalse(html.contains("href"), html);
    }

    @Test
    void rawHtmlIsShownAsTextNotMarkup() {
        String html = renderer.render("<b>hi</b>", Set.of());
        assertTrue(html.contains("&lt;b&gt;hi&lt;/b&gt;"), html);
    }

    @Test
    void plainTextStripsMarkupAndShortens() {
        assertEquals("Bonjour le monde", renderer.plainText("<p>Bonjour <strong>le</strong> monde</p>", 100));
        assertEquals("abcd…", renderer.plainText("<p>abcdefgh</p>", 5));
    }

    @Test
    void deeplyNestedQuotesAreRefusedInsteadOfOverflowingTheStack() {
        assertThrows(MarkdownRenderer.TooComplex.class, () -> renderer.render(">".repeat(5_000) + " deep", Set.of()));
        assertThrows(MarkdownRenderer.TooComplex.class, () -> renderer.render("> ".repeat(40) + "deep", Set.of()));
        assertTrue(renderer.render("> > > three levels are fine", Set.of()).contains("<blockquote>"));
    }

    @Test
    void deeplyNestedListsAreRefused() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            list.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        assertThrows(MarkdownRenderer.TooComplex.class, () -> renderer.render(list.toString(), Set.of()));
    }

    @Test
    void tensOfThousandsOfUnmatchedAngleBracketsAreRefusedBeforeTheParserWalksThem() {
        assertThrows(MarkdownRenderer.TooComplex.class, () -> renderer.render("<".repeat(50_000), Set.of()));
        assertThrows(MarkdownRenderer.TooComplex.class, () -> renderer.render("<a".repeat(25_000), Set.of()));
        // Everyday code with comparisons and generics is not affected.
        String code = "if (a < b && list.size() > 2) { Map<String, List<Integer>> m; }\n".repeat(500);
        assertTrue(renderer.render(code, Set.of()).contains("&lt;"));
    }

    @Test
    void manyEmphasisMarkersStillRender() {
        assertTrue(renderer.render("*".repeat(50_000), Set.of()).startsWith("<"));
        assertTrue(renderer.render("_a".repeat(25_000), Set.of()).contains("_a"));
    }
}
