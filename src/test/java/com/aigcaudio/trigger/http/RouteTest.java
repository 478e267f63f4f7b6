package com.aigcaudio.trigger.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {
    private final Route route = new Route("/tasks/");

    @Test
    void collection_matchesGatewayPrefixedPathsOnWholeSegments() {
        assertEquals("/tasks", route.path());
        assertTrue(route.isCollection("/tasks"));
        assertTrue(route.isCollection("/tasks/"));
        assertTrue(route.isCollection("/release/tasks"));
        assertFalse(route.isCollection("/subtasks"));
        assertFalse(route.isCollection("/tasks/extra"));
        assertFalse(route.isCollection(null));
    }

    @Test
    void taskIdAndResult_areTheLastSegmentsUnderTheRoute() {
        assertEquals("t-1", route.taskIdIn("/release/tasks/t-1"));
        assertNull(route.taskIdIn("/tasks/"));
        assertNull(route.taskIdIn("/other/t-1"));
        assertEquals("t-1", route.resultOf("/tasks/t-1/result"));
        assertNull(route.resultOf("/tasks/t-1"));
        assertNull(route.resultOf(null));
    }

    @Test
    void collectionBehind_keepsAPlainStageAndDropsAnythingElse() {
        assertEquals("/release/tasks", route.collectionBehind("/release/tasks"));
        assertEquals("/tasks", route.collectionBehind("//evil.example/tasks"));
        assertEquals("/tasks", route.collectionBehind("/tasks"));
    }

    @Test
    void page_isTheRootOrOneStageSegment() {
        assertTrue(route.isPage("/"));
        assertTrue(route.isPage(""));
        assertTrue(route.isPage("/release/"));
        assertFalse(route.isPage("/tasks"));
        assertFalse(route.isPage("/favicon.ico"));
        assertFalse(new Route("/").isPage("/"));
    }
}
