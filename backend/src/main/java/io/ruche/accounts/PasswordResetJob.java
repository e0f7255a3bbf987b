package io.ruche.accounts;

import io.ruche.platform.jobs.JobHandler;
import jakarta.inject.Singleton;

/** Sends the reset link asked for on the "forgot password" form, off the request (see requestPasswordReset). */
@Singleton
public class PasswordResetJob implements JobHandler {

    /** Payload: the address typed in the form. Runs in the mail lane. */
    static final String KIND = "mail.password-reset";

    private final AccountService accounts;

    public PasswordResetJob(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(String email) {
        accounts.sendPasswordReset(email);
    }
}
