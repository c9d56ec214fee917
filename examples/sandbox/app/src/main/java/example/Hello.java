package example;

/** The sample project's one class: what the sandboxed build compiles and packages. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello from a sandboxed build");
    }
}
