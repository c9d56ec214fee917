package org.example.demo;

public final class Greeting {
    private Greeting() {}

    public static String hello(String name) {
        return "Hello, " + name;
    }
}
