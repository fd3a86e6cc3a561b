package dev.lattice.engine;

/** A base image is neither local nor pullable; the message names the image, the registry's answer and the fix. */
public final class ImageNotFoundException extends LatticeException {

    private final String image;

    /** Creates the exception for {@code image} with the registry's answer. */
    public ImageNotFoundException(String image, String registryAnswer, Throwable cause) {
        super("Image " + image + " is not in the local image store and could not be pulled: " + registryAnswer
                + ". Build or load it locally (e.g. `docker load`, `docker import`) or make its registry reachable.",
                cause);
        this.image = image;
    }

    /** Returns the image reference that was not found. */
    public String image() {
        return image;
    }
}
