package io.parley.studio.page;

/**
 * Something the content area can show: a home section, a wizard, a knowledge base. The shell
 * shows one page at a time; the page's view is built from its view model.
 */
public interface Page {

    /** Called when another page replaces this one: stop polling, cancel pending saves. */
    default void leave() {
    }
}
