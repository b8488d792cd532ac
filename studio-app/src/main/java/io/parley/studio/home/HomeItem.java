package io.parley.studio.home;

/** One row of a home-screen list: a knowledge base, chatbot or chatflow. */
public record HomeItem(String id, String name) {
}
