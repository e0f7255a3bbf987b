package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A badge members can earn: built in (a {@link BadgeRule} and its threshold) or granted by staff. */
@MappedEntity("badges")
public record Badge(@Id @GeneratedValue @Nullable Long id,
                    String slug,
                    String nameEn,
                    String nameFr,
                    String descriptionEn,
                    String descriptionFr,
                    String icon,
                    String tier,
                    String badgeGroup,
                    boolean multiple,
                    boolean enabled,
                    boolean retired,
                    boolean allowTitle,
                    @Nullable String ruleKey,
                    int threshold,
                    @Nullable String ruleJson,
                    int holderCount,
                    Instant createdAt,
                    Instant updatedAt) {

    /** Granted by its rule now: enabled and not retired. */
    public boolean granting() {
        return enabled && !retired && ruleKey != null;
    }

    public String name(String language) {
        return "fr".equals(language) ? nameFr : nameEn;
    }

    public String description(String language) {
        return "fr".equals(language) ? descriptionFr : descriptionEn;
    }
}
