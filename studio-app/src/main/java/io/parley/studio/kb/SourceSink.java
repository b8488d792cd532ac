package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.Crawl;

import java.nio.file.Path;
import java.util.List;

/** Takes new sources from the add-sources panel: the wizard's draft and a knowledge base's page both do. */
public interface SourceSink {

    /** Files and folders, picked or dropped; folders contribute their readable files. */
    void addFiles(List<Path> picked);

    void addWebsite(String url, Crawl crawl);

    void addText(String title, String text);
}
