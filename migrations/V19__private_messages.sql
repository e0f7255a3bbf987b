-- Private messages: conversations between members (or with a group such as "support"), and members' blocks.

CREATE TABLE conversations (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    subject         VARCHAR(200) NOT NULL,
    created_by      BIGINT       NOT NULL,
    group_id        BIGINT       NULL,     -- written to a group: its members at the time are the participants
    created_at      DATETIME(6)  NOT NULL,
    last_message_at DATETIME(6)  NOT NULL,
    message_count   INT          NOT NULL DEFAULT 0,
    flagged_at      DATETIME(6)  NULL,     -- a participant flagged a message: staff may read it until resolved
    CONSTRAINT fk_conversations_creator FOREIGN KEY (created_by) REFERENCES members (id),
    CONSTRAINT fk_conversations_group FOREIGN KEY (group_id) REFERENCES member_groups (id) ON DELETE SET NULL,
    INDEX ix_conversations_flagged (flagged_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who is in a conversation. last_message_at is copied here so a member's inbox is one index range.
CREATE TABLE conversation_participants (
    conversation_id BIGINT      NOT NULL,
    member_id       BIGINT      NOT NULL,
    joined_at       DATETIME(6) NOT NULL,
    left_at         DATETIME(6) NULL,
    last_message_at DATETIME(6) NOT NULL,
    last_read_id    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, member_id),
    CONSTRAINT fk_participants_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_participants_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_participants_inbox (member_id, left_at, last_message_at, conversation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE messages (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    conversation_id BIGINT      NOT NULL,
    author_id       BIGINT      NOT NULL,
    body_source     MEDIUMTEXT  NOT NULL,
    body_html       MEDIUMTEXT  NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    CONSTRAINT fk_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT fk_messages_author FOREIGN KEY (author_id) REFERENCES members (id),
    INDEX ix_messages_conversation (conversation_id, id),
    INDEX ix_messages_author (author_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A participant's flag on a message: what lets staff read the conversation.
CREATE TABLE message_flags (
    message_id  BIGINT       NOT NULL,
    member_id   BIGINT       NOT NULL,
    reason      VARCHAR(16)  NOT NULL,
    note        VARCHAR(500) NOT NULL DEFAULT '',
    created_at  DATETIME(6)  NOT NULL,
    resolved_at DATETIME(6)  NULL,
    resolved_by BIGINT       NULL,
    PRIMARY KEY (message_id, member_id),
    CONSTRAINT fk_message_flags_message FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE,
    CONSTRAINT fk_message_flags_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_message_flags_member (member_id),
    INDEX ix_message_flags_open (resolved_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A member blocks another: the blocked one cannot write to them, and their mentions and replies notify nothing.
CREATE TABLE member_blocks (
    member_id  BIGINT      NOT NULL,
    blocked_id BIGINT      NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (member_id, blocked_id),
    CONSTRAINT fk_member_blocks_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_blocks_blocked FOREIGN KEY (blocked_id) REFERENCES members (id) ON DELETE CASCADE,
    INDEX ix_member_blocks_blocked (blocked_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
