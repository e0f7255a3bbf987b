package io.ruche.platform;

/**
 * What one feature holds about a member, for the member's data export and for the erasure of a deleted account.
 * Each feature with personal data implements it in its own package (accounts collects every implementation), so a
 * new feature's tables join the export and the erasure without editing accounts. {@code PersonalDataErasureTest}
 * fails when a table pointing at members is covered by none.
 */
public interface PersonalData {

    /** The file name of this section in the export ({@code posts} becomes {@code posts.json}). */
    String section();

    /** The member's data in this feature, as JSON-ready values (records, lists, maps); empty sections are left out. */
    Object export(long memberId);

    /**
     * Erases the member's personal data in this feature; runs in its own transaction, and again if it failed, so it
     * must be safe to run twice.
     */
    void erase(Erasure erasure);

    /**
     * Whom to erase: the account's id, and the name and address it had (the member row keeps them until every
     * feature has erased, so they never travel in a job's payload). {@code removeContent}: the site removes a deleted
     * member's posts instead of keeping them under "deleted member".
     */
    record Erasure(long memberId, String username, String email, boolean removeContent) {
    }
}
