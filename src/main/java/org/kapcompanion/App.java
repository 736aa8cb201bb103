package org.kapcompanion;

public final class App {
  public static void main(String[] args) {}
}
