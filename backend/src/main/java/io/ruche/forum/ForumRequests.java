package io.ruche.forum;

import io.ruche.platform.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the forum API. */
public final class ForumRequests {

    public static final int MAX_BODY = 50_000;

    private ForumRequests() {
    }

    @Serdeable
    public record CreateThread(
            @NotNull(message = "validation.required") Long categoryId,
            @NotBlank(message = "validation.required") @Size(min = 3, max = 200, message = "validation.title") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String title,
            @NotBlank(message = "validation.required") @Size(max = MAX_BODY, message = "validation.body") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String body,
            @Nullable @Size(max = 5, message = "validation.tags.tooMany") List<String> tags) {
    }

    @Serdeable
    public record Reply(
            @NotBlank(message = "validation.required") @Size(max = MAX_BODY, message = "validation.body") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String body,
            @Nullable Long replyTo) {
    }

    @Serdeable
    public record SetWiki(@NotNull(message = "validation.required") Boolean wiki) {
    }

    @Serdeable
    public record EditPost(
            @NotBlank(message = "validation.required") @Size(max = MAX_BODY, message = "validation.body") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String body) {
    }

    @Serdeable
    public record Preview(@NotNull(message = "validation.required") @Size(max = MAX_BODY, message = "validation.body")
                          String body) {
    }

    /** Absent fields stay as they are. Pin, lock, archive and move are for staff; the author may retitle. */
    @Serdeable
    public record UpdateThread(@Nullable Boolean pinned, @Nullable Boolean pinnedGlobally, @Nullable Boolean locked,
                               @Nullable Boolean archived, @Nullable Long categoryId,
                               @Nullable @Size(min = 3, max = 200, message = "validation.title") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String title) {
    }

    @Serdeable
    public record AcceptAnswer(@NotNull(message = "validation.required") Long postId) {
    }

    @Serdeable
    public record Follow(@NotNull(message = "validation.required")
                         @Pattern(regexp = "WATCHING|TRACKING|MUTED", message = "validation.followLevel") String level) {
    }

    @Serdeable
    public record CategoryFollow(@Nullable @Pattern(regexp = "WATCHING|TRACKING|MUTED",
            message = "validation.followLevel") String level) {
    }

    @Serdeable
    public record GroupRight(@NotNull Long groupId, boolean see, boolean reply, boolean start) {
    }

    @Serdeable
    public record SaveCategory(
            @NotBlank(message = "validation.required") @Size(max = 80, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String name,
            @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,79}", message = "validation.slug") String slug,
            @Nullable @Size(max = 500, message = "validation.size") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String description,
            @Nullable @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "validation.color") String color,
            @Nullable Integer position,
            @Nullable Long parentId,
            @Nullable CategoryKind kind,
            @Nullable Boolean everyoneSee,
            @Nullable Boolean membersSee,
            @Nullable Boolean membersReply,
            @Nullable Boolean membersStart,
            @Nullable @Valid List<GroupRight> groupRights,
            @Nullable Boolean premoderated,
            @Nullable @Size(max = 80, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String nameFr,
            @Nullable @Size(max = 80, message = "validation.size") @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String nameEn,
            @Nullable @Size(max = 500, message = "validation.size") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String descriptionFr,
            @Nullable @Size(max = 500, message = "validation.size") @Pattern(regexp = TextRules.MULTI_LINE, message = TextRules.MESSAGE) String descriptionEn) {
    }

    @Serdeable
    public record SaveTagSettings(boolean restricted,
                                  @NotNull @Size(max = 500) List<@NotBlank @Size(max = 40) String> allowed) {
    }
}
