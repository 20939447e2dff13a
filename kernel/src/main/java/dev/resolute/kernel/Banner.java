package dev.resolute.kernel;

/** The start-up logo; {@code --no-logo} leaves it out so the addresses come first. */
final class Banner {
    static final String LOGO = """
              ____                 _       _
             |  _ \\ ___  ___  ___ | |_   _| |_ ___
             | |_) / _ \\/ __|/ _ \\| | | | | __/ _ \\
             |  _ <  __/\\__ \\ (_) | | |_| | ||  __/
             |_| \\_\\___||___/\\___/|_|\\__,_|\\__\\___|
              durable execution, Restate-compatible

            """;

    private Banner() {
    }
}
