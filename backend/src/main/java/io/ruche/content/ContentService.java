package io.ruche.content;

import io.ruche.accounts.AccountService;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns what a member typed into the HTML stored beside it, and tells who it mentions. */
@Singleton
public class ContentService {

    private final MarkdownRenderer renderer;
    private final AccountService accounts;

    public ContentService(MarkdownRenderer renderer, AccountService accounts) {
        this.renderer = renderer;
        this.accounts = accounts;
    }

    /** Sanitized HTML and the ids of the existing members the text mentions. */
    public record Rendered(String html, Set<Long> mentionedMemberIds) {
    }

    /** Refuses (422 on {@code body}) a text that nests too deeply or is too pathological to render. */
    public Rendered render(String markdown) {
        try {
            Set<String> names = renderer.mentionedNames(markdown);
            Map<String, Long> known = names.isEmpty() ? Map.of() : accounts.idsByUsername(names);
            Set<String> knownNames = known.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toSet());
            return new Rendered(renderer.render(markdown, knownNames), Set.copyOf(known.values()));
        } catch (MarkdownRenderer.TooComplex e) {
            throw io.ruche.platform.Problems.invalidField("body", "validation.body.tooComplex");
        }
    }

    public String excerpt(String html, int maxLength) {
        return renderer.plainText(html, maxLength);
    }
}
