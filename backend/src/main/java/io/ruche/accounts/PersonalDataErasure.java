package io.ruche.accounts;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.platform.PersonalData;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/**
 * Hears that an account was deleted and has every feature erase what it holds of the member, each in its own
 * transaction, then anonymises the member row. A failure retries the whole delivery; the erasures are idempotent,
 * so what already ran runs again harmlessly.
 */
@Factory
class PersonalDataErasure {

    @Singleton
    @Named("accounts.erase-personal-data")
    EventSubscriber<AccountEvents.MemberErased> erase(List<PersonalData> holders, AccountDeletion deletion,
                                                       TransactionOperations<Connection> tx) {
        return new Subscriber<>(AccountEvents.MemberErased.class, "accounts.erase-personal-data", "default", e -> {
            PersonalData.Erasure erasure = deletion.erasure(e.memberId(), e.removeContent()).orElse(null);
            if (erasure == null) {
                return; // finished by an earlier delivery
            }
            for (PersonalData holder : holders) {
                tx.executeWrite(status -> {
                    holder.erase(erasure);
                    return null;
                });
            }
            deletion.finish(erasure);
        });
    }
}
