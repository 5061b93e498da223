package io.snakepit.node.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pools beyond the default one, declared by their settings: {@code pools.NAME.SETTING} for any
 * setting {@code pool.SETTING} of the default pool but its name. A further pool takes the default
 * pool's value of every setting it does not set.
 */
final class FurtherPools {

  private static final String PREFIX = "pools.";
  private static final String POOL_PREFIX = "pool.";
  // No dot: the name ends at the first dot after "pools.".
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private FurtherPools() {}

  /**
   * The names of the further pools whose settings appear in {@code sources}, in order of first
   * appearance.
   *
   * @throws ConfigException for a pool name that is not letters, digits, '_' and '-'
   */
  static Set<String> declaredIn(Collection<Map<String, String>> sources) {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, String> source : sources) {
      for (String key : source.keySet()) {
        int settingStart = key.indexOf('.', PREFIX.length());
        if (!key.startsWith(PREFIX) || settingStart < 0) {
          continue; // not a further pool's setting; the unknown-key check decides
        }
        String name = key.substring(PREFIX.length(), settingStart);
        if (!NAME.matcher(name).matches()) {
          throw new ConfigException(
              "bad pool name \""
                  + name
                  + "\" in "
                  + key
                  + "; expected letters, digits, '_' or '-'");
        }
        names.add(name);
      }
    }
    return names;
  }

  /** Makes {@code settings} accept every setting of the named pool, inheriting the default's. */
  static void declare(String pool, LayeredSettings settings) {
    for (ConfigKey<?> poolKey : NodeConfigKeys.poolSettings()) {
      settings.inherit(key(pool, poolKey), poolKey);
    }
  }

  /** The setting {@code pool.X} of the named further pool: {@code pools.NAME.X}. */
  static <T> ConfigKey<T> key(String pool, ConfigKey<T> poolKey) {
    return new ConfigKey<>(
        PREFIX + pool + "." + poolKey.name().substring(POOL_PREFIX.length()),
        poolKey.type(),
        poolKey.defaultValue(),
        poolKey.name(),
        poolKey.description());
  }
}
