// OGraf entry point of gains.html: the template itself, in a Web Component.
import { templateGraphic } from '../runtime/ograf-graphic.mjs';

export default templateGraphic('../templates/gains.html');
