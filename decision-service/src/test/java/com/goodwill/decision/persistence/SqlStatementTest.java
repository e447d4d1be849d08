package com.goodwill.decision.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementTest {

    @Test
    void namedParametersBecomePositionalInOrderOfAppearance() {
        var parsed = SqlStatement.parse("select a from t where x = :first and y = :second or z = :first");
        assertThat(parsed.jdbc()).isEqualTo("select a from t where x = ? and y = ? or z = ?");
        assertThat(parsed.names()).containsExactly("first", "second", "first");
    }

    @Test
    void castsAndStringLiteralsAreLeftAlone() {
        var parsed = SqlStatement.parse("select ':not' as label, x::text from t where id = :id and kind = 'a:b'");
        assertThat(parsed.jdbc()).isEqualTo("select ':not' as label, x::text from t where id = ? and kind = 'a:b'");
        assertThat(parsed.names()).containsExactly("id");
    }
}
