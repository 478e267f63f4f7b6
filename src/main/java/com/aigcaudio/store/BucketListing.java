package com.aigcaudio.store;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/** One page of a GET Bucket answer (ListBucketResult, the same XML on COS and S3), read with the JDK's own XML parser.
 * */
final class BucketListing {
    private final List<ObjectStore.Listed> keys;
    private final boolean truncated;
    private final String nextMarker;

    private BucketListing(List<ObjectStore.Listed> keys, boolean truncated, String nextMarker) {
        this.keys = keys;
        this.truncated = truncated;
        this.nextMarker = nextMarker;
    }

    /** Fetches one page's XML for a marker ("" for the first page). */
    interface PageFetcher {
        byte[] page(String marker);
    }

    /** Every object, page after page, each next page starting after the last key (or at NextMarker). */
    static List<ObjectStore.Listed> all(PageFetcher fetcher) {
        List<ObjectStore.Listed> keys = new ArrayList<>();
        String marker = "";
        while (true) {
            BucketListing page = parse(fetcher.page(marker));
            keys.addAll(page.keys);
            if (!page.truncated || page.keys.isEmpty()) {
                return keys;
            }
            marker = page.nextMarker != null ? page.nextMarker : page.keys.get(page.keys.size() - 1).key();
        }
    }

    static BucketListing parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A listing never needs a DTD or an external entity: refusing them closes XXE.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(xml));
            Element root = document.getDocumentElement();
            if (!"ListBucketResult".equals(root.getTagName())) {
                throw new StoreUnavailableException("GET Bucket answered " + root.getTagName()
                        + ", not ListBucketResult", null);
            }
            List<ObjectStore.Listed> keys = new ArrayList<>();
            NodeList contents = root.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element object = (Element) contents.item(i);
                String modified = text(object, "LastModified");
                // Both clouds send ISO-8601 UTC; an object without the field counts as written at the epoch.
                keys.add(new ObjectStore.Listed(text(object, "Key"),
                        modified == null ? Instant.EPOCH : Instant.parse(modified)));
            }
            return new BucketListing(keys, "true".equals(text(root, "IsTruncated")), text(root, "NextMarker"));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreUnavailableException("unreadable bucket listing", e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

}
