package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.AccountScreening;
import jakarta.inject.Singleton;

/** Moderation's side of accounts' screening port: bans, invitations, watched words. */
@Singleton
public class ModerationAccountScreening implements AccountScreening {

    private final Bans bans;
    private final Invites invites;
    private final WatchedWords watchedWords;

    public ModerationAccountScreening(Bans bans, Invites invites, WatchedWords watchedWords) {
        this.bans = bans;
        this.invites = invites;
        this.watchedWords = watchedWords;
    }

    @Override
    public void checkNotBanned(String email, String clientAddress) {
        bans.check(email, clientAddress);
    }

    @Override
    public void useInvitation(@Nullable String code, long memberId, String email) {
        invites.consume(code, memberId, email);
    }

    @Override
    public boolean refuses(String text, boolean strict) {
        WatchedWordRules.Verdict verdict = watchedWords.rules().apply(text, false);
        return verdict.blocked() || (strict && !verdict.text().equals(text));
    }
}
