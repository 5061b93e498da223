package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

  @TempDir Path dir;

  @Test
  void anIssuedTokenIsFoundWithItsRoleAndName() {
    Path file = dir.resolve("tokens");
    String app = TokenFile.issue(file, Role.CALL, "app");
    String ops = TokenFile.issue(file, Role.ADMIN, "ops");

    Tokens tokens = Tokens.read(file);

    assertThat(tokens.find(app))
        .hasValueSatisfying(
            entry -> {
              assertThat(entry.role()).isEqualTo(Role.CALL);
              assertThat(entry.name()).isEqualTo("app");
            });
    assertThat(tokens.find(ops).map(Tokens.Entry::role)).contains(Role.ADMIN);
    assertThat(tokens.find(app + "x")).isEmpty();
  }

  @Test
  void commentsAndBlankLinesAreSkipped() throws Exception {
    Path file = dir.resolve("tokens");
    String app = TokenFile.issue(file, Role.CALL, "app");
    Files.writeString(file, "# the app's token\n\n" + Files.readString(file));

    assertThat(Tokens.read(file).find(app)).isPresent();
  }

  @Test
  void aMalformedLineIsRefusedByFileAndLine() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# ok\nsha256:abcd call app\n");

    assertThatThrownBy(() -> Tokens.read(file))
        .isInstanceOf(TokenFileException.class)
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("64 hexadecimal digits");
  }

  @Test
  void aTokenLineCannotGrantTheNodesRole() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "sha256:" + "ab".repeat(32) + " peer sneaky\n");

    assertThatThrownBy(() -> Tokens.read(file))
        .isInstanceOf(TokenFileException.class)
        .hasMessageContaining("certificates");
  }

  @Test
  void aChangedFileIsReadAgainAndABrokenOneKeepsTheTokensThereWere() throws Exception {
    Path file = dir.resolve("tokens");
    String first = TokenFile.issue(file, Role.CALL, "first");
    TokenFile tokens = TokenFile.load(file);

    String second = TokenFile.issue(file, Role.CALL, "second");
    tokens.reloadIfChanged();
    assertThat(tokens.find(second)).isPresent();

    Files.writeString(file, "not a token line\n", java.nio.file.StandardOpenOption.APPEND);
    tokens.reloadIfChanged();
    assertThat(tokens.find(first)).isPresent();
    assertThat(tokens.find(second)).isPresent();
  }
}
