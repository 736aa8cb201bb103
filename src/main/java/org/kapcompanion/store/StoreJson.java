package org.kapcompanion.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Optional;

/** The Gson used for what the app stores: records with {@link Optional} and {@link Instant} fields. */
public final class StoreJson {

  private StoreJson() {}

  public static Gson create() {
    return new GsonBuilder()
        .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
        .registerTypeAdapterFactory(new OptionalAdapterFactory())
        .serializeNulls()
        .disableHtmlEscaping()
        .create();
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      return Instant.parse(in.nextString());
    }
  }

  private static final class OptionalAdapterFactory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      if (type.getRawType() != Optional.class) {
        return null;
      }
      Type inner = type.getType() instanceof ParameterizedType parameterized
          ? parameterized.getActualTypeArguments()[0] : Object.class;
      TypeAdapter<?> innerAdapter = gson.getAdapter(TypeToken.get(inner));
      return (TypeAdapter<T>) new OptionalAdapter(innerAdapter);
    }
  }

  private static final class OptionalAdapter<E> extends TypeAdapter<Optional<E>> {
    private final TypeAdapter<E> inner;

    OptionalAdapter(TypeAdapter<E> inner) {
      this.inner = inner;
    }

    @Override
    public void write(JsonWriter out, Optional<E> value) throws IOException {
      if (value == null || value.isEmpty()) {
        out.nullValue();
      } else {
        inner.write(out, value.get());
      }
    }

    @Override
    public Optional<E> read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return Optional.empty();
      }
      return Optional.ofNullable(inner.read(in));
    }
  }
}
