"""The permit's QR code: an SVG of the public verification link (no personal data is encoded)."""

import io

import qrcode
import qrcode.image.svg


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url` (error correction M: survives a crease or a smudge on a printout)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2,
                         image_factory=qrcode.image.svg.SvgPathImage)  # fmt: skip
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue().decode()
