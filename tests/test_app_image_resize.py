"""The image-resizing code of image-resize-on-get, run locally on images Pillow makes here.

One module (resize.py) resizes for both variants of the pattern; each variant ships it beside
its own handler. The Object Lambda handler's WriteGetObjectResponse goes to a real botocore
S3 client under Stubber (no network: the stubber answers), and the download of inputS3Url is
a function the test hands in. The function-URL handler's GetObject is stubbed the same way.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import sys
import urllib.error
from pathlib import Path

import boto3
import pytest
from botocore.stub import ANY, Stubber
from PIL import Image

from generator import PATTERNS_DIR
from generator.loader import load

PATTERN = PATTERNS_DIR / "image-resize-on-get.yaml"
ACCESS_POINT = "arn:aws:s3:eu-west-1:111122223333:accesspoint/originals"


def _app_files(delivery: str) -> dict[str, str]:
    from generator.render.code import app_files

    return app_files(load(PATTERN).resolve({"delivery": delivery}))


def _import(folder: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """Each variant's function folder as the pattern ships it: handler, resize.py, requirements."""
    folders = {}
    for delivery, function in [("object-lambda", "transformer"), ("cloudfront", "resizer")]:
        folder = tmp_path_factory.mktemp(function)
        for path, text in _app_files(delivery).items():
            if path.startswith(f"lambda/{function}/"):
                (folder / Path(path).name).write_text(text)
        folders[delivery] = folder
    return folders


@pytest.fixture(scope="module")
def modules(shipped):
    """resize and both handlers, each handler importing the resize.py beside it."""
    loaded = {}
    for delivery, folder in shipped.items():
        sys.path.insert(0, str(folder))
        try:
            sys.modules.pop("resize", None)
            loaded[delivery] = _import(folder, "index")
            loaded[f"{delivery} resize"] = sys.modules["resize"]
        finally:
            sys.path.remove(str(folder))
            sys.modules.pop("resize", None)
    return loaded


@pytest.fixture(scope="module")
def resize(modules):
    return modules["cloudfront resize"]


def image(width: int, height: int, fmt: str = "JPEG", mode: str = "RGB", exif=None) -> bytes:
    """An image Pillow draws here: a gradient, so that resampling has something to do."""
    picture = Image.linear_gradient("L").resize((width, height)).convert(mode)
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_both_variants_ship_the_same_resize_module_and_pin_pillow(shipped):
    texts = {delivery: (folder / "resize.py").read_text() for delivery, folder in shipped.items()}
    assert texts["object-lambda"] == texts["cloudfront"]
    for folder in shipped.values():
        assert (folder / "requirements.txt").read_text().split() == [f"Pillow=={Image.__version__}"]


@pytest.mark.parametrize(
    "query, width, fmt",
    [
        ("", None, None),
        ("width=320", 320, None),
        ("width=16&format=webp", 16, "webp"),
        ("format=JPG&width=2048", 2048, "jpeg"),
        ("X-Amz-Date=20261202T000000Z&width=100", 100, None),
    ],
)
def test_the_query_string_gives_a_bounded_width_and_a_format(resize, query, width, fmt):
    assert resize.parse_query(query) == resize.Request(width, fmt)


@pytest.mark.parametrize(
    "query, message",
    [
        ("width=15", "from 16 to 2048"),
        ("width=2049", "from 16 to 2048"),
        ("width=abc", "whole number"),
        ("width=-5", "whole number"),
        ("width=1e3", "whole number"),
        ("width=", "whole number"),
        ("width=١٠٠", "whole number"),
        ("width=100&width=200", "once"),
        ("format=gif", "one of jpeg, png, webp"),
    ],
)
def test_a_bad_width_or_format_is_the_callers_mistake(resize, query, message):
    with pytest.raises(resize.BadRequest, match=message):
        resize.parse_query(query)


def test_a_smaller_width_keeps_the_aspect_ratio_and_the_format(resize):
    body, content_type = resize.resize(image(1200, 800), resize.Request(width=300))
    assert content_type == "image/jpeg"
    with opened(body) as result:
        assert (result.format, result.size) == ("JPEG", (300, 200))


def test_an_image_is_never_enlarged_and_an_unchanged_request_returns_the_original_bytes(resize):
    original = image(200, 100, "PNG")
    assert resize.resize(original, resize.Request(width=800)) == (original, "image/png")
    assert resize.resize(original, resize.Request()) == (original, "image/png")


def test_a_format_change_converts_transparency_for_jpeg(resize):
    body, content_type = resize.resize(
        image(64, 64, "PNG", mode="RGBA"), resize.Request(width=32, format="jpeg")
    )
    assert content_type == "image/jpeg"
    with opened(body) as result:
        assert (result.format, result.mode, result.size) == ("JPEG", "RGB", (32, 32))


def test_webp_is_written_when_asked_for(resize):
    body, content_type = resize.resize(image(640, 480), resize.Request(format="webp"))
    assert content_type == "image/webp"
    with opened(body) as result:
        assert (result.format, result.size) == ("WEBP", (640, 480))


def test_a_sideways_photo_is_turned_upright_before_the_width_is_applied(resize):
    exif = Image.Exif()
    exif[resize.ORIENTATION] = 6  # stored sideways: shown rotated 90 degrees
    body, _ = resize.resize(image(400, 200, exif=exif), resize.Request(width=100))
    with opened(body) as result:
        assert result.size == (100, 200)
        assert result.getexif().get(resize.ORIENTATION, 1) == 1


def test_a_tiny_result_keeps_at_least_one_pixel_of_height(resize):
    assert resize.target_size(2000, 10, 16) == (16, 1)


def test_what_is_not_an_image_or_too_large_is_refused(resize):
    with pytest.raises(resize.UnsupportedImage, match="not an image"):
        resize.resize(b"%PDF-1.7 not a picture", resize.Request(width=100))
    with pytest.raises(resize.UnsupportedImage, match="GIF"):
        resize.resize(image(20, 20, "GIF", mode="P"), resize.Request(width=16))
    huge = image(8000, 6000)  # 48 million pixels, over MAX_PIXELS
    with pytest.raises(resize.UnsupportedImage, match="more than"):
        resize.resize(huge, resize.Request(width=100))


# The Object Lambda handler.


def olap_event(query: str, access_point: str = ACCESS_POINT) -> dict:
    """An event as S3 Object Lambda sends it (olap-event-context in the S3 user guide)."""
    return {
        "xAmzRequestId": "requestId",
        "getObjectContext": {
            "inputS3Url": "https://originals-111122223333.s3-accesspoint.eu-west-1.amazonaws.com/"
            "cat.jpg?X-Amz-Security-Token=token",
            "outputRoute": "io-euw1-001",
            "outputToken": "OutputToken",
        },
        "configuration": {
            "accessPointArn": "arn:aws:s3-object-lambda:eu-west-1:111122223333:accesspoint/resized",
            "supportingAccessPointArn": access_point,
            "payload": "{}",
        },
        "userRequest": {
            "url": "https://resized-111122223333.s3-object-lambda.eu-west-1.amazonaws.com/"
            f"cat.jpg?{query}",
            "headers": {"Host": "resized-111122223333.s3-object-lambda.eu-west-1.amazonaws.com"},
        },
        "protocolVersion": "1.00",
    }


@pytest.fixture
def s3():
    client = boto3.client(
        "s3", region_name="eu-west-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def route(**fields) -> dict:
    return {"RequestRoute": "io-euw1-001", "RequestToken": "OutputToken", **fields}


def test_object_lambda_answers_with_the_resized_image(modules, s3):
    handler = modules["object-lambda"]
    client, stubber = s3
    fetched = []

    def fetch(url):
        fetched.append(url)
        return image(1000, 500)

    sent = {}

    def keep(params, **kwargs):
        sent.update(params)

    client.meta.events.register("before-parameter-build.s3.WriteGetObjectResponse", keep)
    stubber.add_response(
        "write_get_object_response",
        {},
        route(Body=ANY, ContentType="image/jpeg", StatusCode=200),
    )
    status = handler.answer(olap_event("width=250"), client, fetch, ACCESS_POINT)
    assert status == 200
    assert fetched == [olap_event("")["getObjectContext"]["inputS3Url"]]
    with opened(sent["Body"]) as result:
        assert result.size == (250, 125)


@pytest.mark.parametrize(
    "query, code",
    [("width=5000", "InvalidArgument"), ("format=bmp", "InvalidArgument")],
)
def test_object_lambda_answers_a_bad_request_with_400_and_fetches_nothing(modules, s3, query, code):
    client, stubber = s3
    stubber.add_response(
        "write_get_object_response",
        {},
        route(StatusCode=400, ErrorCode=code, ErrorMessage=ANY),
    )

    def fetch(url):
        raise AssertionError("a bad request must not read the original")

    assert modules["object-lambda"].answer(olap_event(query), client, fetch, ACCESS_POINT) == 400


def test_object_lambda_passes_on_a_missing_original_as_404(modules, s3):
    client, stubber = s3
    stubber.add_response(
        "write_get_object_response",
        {},
        route(StatusCode=404, ErrorCode="NoSuchKey", ErrorMessage=ANY),
    )
    body = io.BytesIO(b"<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>")

    def fetch(url):
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, body)

    assert (
        modules["object-lambda"].answer(olap_event("width=100"), client, fetch, ACCESS_POINT) == 404
    )


def test_object_lambda_refuses_an_event_from_another_access_point(modules, s3):
    client, stubber = s3
    stubber.add_response(
        "write_get_object_response",
        {},
        route(StatusCode=403, ErrorCode="AccessDenied", ErrorMessage=ANY),
    )
    other = olap_event("width=100", access_point=ACCESS_POINT.replace("originals", "other"))

    def fetch(url):
        raise AssertionError("an event from another access point must not read anything")

    assert modules["object-lambda"].answer(other, client, fetch, ACCESS_POINT) == 403


def test_object_lambda_finds_its_access_point_in_the_environment(modules):
    handler = modules["object-lambda"]
    assert handler.named({"ORIGINALS_AP_ACCESS_POINT_ARN": ACCESS_POINT}, "_ACCESS_POINT_ARN") == (
        ACCESS_POINT
    )
    with pytest.raises(RuntimeError, match="found 0"):
        handler.named({}, "_ACCESS_POINT_ARN")


# The function-URL handler (behind CloudFront).


def url_event(path: str, query: str = "", method: str = "GET") -> dict:
    """A function URL request (payload format 2.0), as CloudFront forwards it."""
    return {
        "version": "2.0",
        "rawPath": path,
        "rawQueryString": query,
        "requestContext": {"http": {"method": method, "path": path}},
        "isBase64Encoded": False,
    }


def stub_get(stubber, key: str, body: bytes) -> None:
    stubber.add_response(
        "get_object",
        {"Body": io.BytesIO(body), "ContentLength": len(body)},
        {"Bucket": "originals", "Key": key},
    )


def test_the_function_url_answers_a_resized_image_cloudfront_may_cache(modules, s3):
    client, stubber = s3
    stub_get(stubber, "photos/cat 1.jpg", image(900, 600))
    answer = modules["cloudfront"].answer(
        url_event("/photos/cat%201.jpg", "width=300&format=webp"), client, "originals"
    )
    assert answer["statusCode"] == 200
    assert answer["isBase64Encoded"] is True
    assert answer["headers"] == {
        "Content-Type": "image/webp",
        "Cache-Control": "public, max-age=86400",
    }
    with opened(base64.b64decode(answer["body"])) as result:
        assert (result.format, result.size) == ("WEBP", (300, 200))


def test_the_function_url_answers_404_for_a_missing_key(modules, s3):
    client, stubber = s3
    stubber.add_client_error(
        "get_object",
        "NoSuchKey",
        http_status_code=404,
        expected_params={"Bucket": "originals", "Key": "nope.png"},
    )
    assert (
        modules["cloudfront"].answer(url_event("/nope.png"), client, "originals")["statusCode"]
        == 404
    )


@pytest.mark.parametrize(
    "event, status",
    [
        (url_event("/cat.jpg", "width=1"), 400),
        (url_event("/"), 400),
        (url_event("/cat.jpg", method="POST"), 405),
    ],
)
def test_the_function_url_refuses_bad_requests_without_reading_the_bucket(
    modules, s3, event, status
):
    client, _ = s3  # no stubbed response: any S3 call would fail the test
    assert modules["cloudfront"].answer(event, client, "originals")["statusCode"] == status


def test_the_function_url_refuses_what_is_not_an_image(modules, s3):
    client, stubber = s3
    stub_get(stubber, "notes.txt", b"just text")
    assert (
        modules["cloudfront"].answer(url_event("/notes.txt"), client, "originals")["statusCode"]
        == 415
    )
